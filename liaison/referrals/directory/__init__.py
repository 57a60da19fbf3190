"""The service directory: the services a scheme refers people to, kept by its team leads.

The same rooms as an app: `actions` (every change, with its `service:*` event), `selectors`
(every read, scoped), `views`, `forms`.
"""
