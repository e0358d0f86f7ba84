"""The administrators' page: every setting of data/settings.yml, explained from the model's
own descriptions, with what it is set to now."""
from __future__ import annotations

from macros.model.settings import Contact, Partnership, Role, SettingsFile

from .html import block, heading
from .templating import render


def adapting_page(ctx) -> str:
    """Every setting, explained from the model's own descriptions, with what it is set to now."""
    settings: SettingsFile = ctx.book.settings
    local = ctx.book.local
    rows = []
    for name, info in Partnership.model_fields.items():
        value = getattr(settings.partnership, name)
        if name == "named_in":
            rows.append((name, info.description, None, value))
        else:
            rows.append((name, info.description, ", ".join(value) if isinstance(value, list) else (value or "(not set)"),
                         None))
    roles = [(role, any(local.adapted.get(w) for w in role.procedure_says),
              [(k, v) for k, v in role.contact.model_dump().items() if v])
             for role in settings.roles]
    return (heading(2, "The partnership", "settings-partnership")
            + block(render("settings_partnership.html", ctx, rows=rows))
            + heading(2, "Roles and bodies", "settings-roles")
            + block(render("settings_roles.html", ctx, roles=roles,
                           role_fields=[(n, i.description) for n, i in Role.model_fields.items()],
                           contact_fields=[(n, i.description) for n, i in Contact.model_fields.items()])))
