"""Quitadudas electoral: the glossary's text helpers, A–Z, search, inline linker and content.

The page models live in `electoral.glossary.models`; everything here is plain
Python the models, views and setup step use.
"""
