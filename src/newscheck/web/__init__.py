"""The web app behind `newscheck serve`: pages and a REST API over the checker and the corpus.

app.py builds the ASGI app (`create_app`), checking.py runs checks off the event loop, security.py
holds the guards, views.py shapes data for the templates; cli.py is the command. Only the CLI imports it.
"""
