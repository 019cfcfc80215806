"""Parley wiring: Faust app, topics, agents, Elasticsearch and alert adapters, CLI."""
