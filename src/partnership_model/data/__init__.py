"""The data files of partnership_model: terms, crosswalks and bibliography.

Nothing here is Python code to import: this package holds JSON files that the
modules read with :mod:`importlib.resources` the first time they need them.

* ``terms/<vocabulary>.json``: the labels, definitions, aliases, sources,
  interpretive flags and facets of one vocabulary (schema: ``terms.schema.json``);
* ``crosswalks.json``: the correspondences with Carman, IAP2 and Arnstein
  (schema: ``crosswalks.schema.json``);
* ``bibliography.json``: every cited work, in CSL-JSON
  (schema: ``bibliography.schema.json``);
* ``checklists/``: the reporting checklists (see
  :mod:`partnership_model.checklists`);
* ``messages/<domain>.json``: every sentence the library writes for people
  (report, matrices, figures, assessment, command line, validation problems),
  in English and French (schema: ``messages.schema.json``; see
  :mod:`partnership_model._messages`);
* ``examples/register.json`` and ``examples/coding-notes.json``: the example
  register of real cases (a format 1.1 register document) and one coding note
  per case, in English and French (see :mod:`partnership_model.examples`).

Check the terms, crosswalks, bibliography, messages and the example register
(``examples/register.json`` and its ``examples/coding-notes.json``) after an edit with
``python -m partnership_model.data``.
"""
