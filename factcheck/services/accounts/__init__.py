"""Users and how they get in: creating users, passwords, login and logout, invitations and password resets,
roles and deactivation, API tokens, and the read model of the user administration pages. Owns ``User``,
``LoginEvent``, ``Invitation`` and ``ApiToken``. ``accounts`` may import ``core`` only."""
