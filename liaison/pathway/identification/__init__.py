"""Finding and identifying a person, and their record page: where an episode begins.

These pages sit with the pathway (they open and join episodes) and read people through
`liaison.people`'s selectors; the URL names stay `people:*`. The templates are in
`liaison/people/templates/people/`.
"""
