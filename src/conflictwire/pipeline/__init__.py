"""The pipeline, one stage per module, data flowing one way:

read -> clean -> split -> date -> annotate -> extract -> geocode -> actors -> (store) -> merge
"""
