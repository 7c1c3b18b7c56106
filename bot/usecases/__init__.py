"""The use cases: plain functions of a context (bot/context.py) and their inputs, one module
per part of the domain. bot/router.py maps every inbound event, command, button and form to one
of them."""
