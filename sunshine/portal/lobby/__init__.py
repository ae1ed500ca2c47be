"""The lobby screen (触摸屏): the public portal for a touch screen in a service hall, under /lobby/.

Large type, large targets, no keyboard: the latest records, the service guides and the common
questions, their pages, and a search typed on an on-screen keyboard. Nothing links out of /lobby/
and a page left alone goes back to the start page (docs/lobby.md).
"""
