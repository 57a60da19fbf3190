"""Validated screening instruments as versioned FHIR Questionnaires.

- `definition`: a Questionnaire read and checked (items, answer options, enableWhen, licence).
- `catalogue`: the instruments the service knows, their bundled files in
  liaison/screening/questionnaires/, and the current definition (an administrator's upload wins).
- `answers`: answers checked against a definition, and the FHIR QuestionnaireResponse built.
- scoring is in liaison/screening/scorers.py, one pure function per instrument.
"""
