"""The administrators' page: every setting of data/settings.yml, explained from the model's
own descriptions, with what it is set to now."""
from __future__ import annotations

from macros.model.settings import Contact, Partnership, Role, SettingsFile

from .html import block, heading, inline, link, tag


def adapting_page(ctx) -> str:
    """Every setting, explained from the model's own descriptions, with what it is set to now."""
    settings: SettingsFile = ctx.book.settings
    local = ctx.book.local
    partnership = settings.partnership
    rows = []
    for name, info in Partnership.model_fields.items():
        value = getattr(partnership, name)
        if name == "named_in":
            shown = ", ".join(link(ctx.url(p), ctx.book[p].number) for p in value)
        else:
            shown = inline(", ".join(value) if isinstance(value, list) else (value or "(not set)"))
        rows.append(tag("tr", tag("th", tag("code", name), scope="row") + tag("td", inline(info.description))
                        + tag("td", shown)))
    partnership_table = tag("table", tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in
                                                                   ("Setting", "What it does", "Set to now"))))
                            + tag("tbody", "".join(rows)), "hb-settings")
    role_rows = []
    for role in settings.roles:
        said = ", ".join(f"“{inline(w)}”" for w in role.procedure_says) or "(not named: contact lists only)"
        where = ", ".join(link(ctx.url(p), ctx.book[p].number) for p in role.named_in)
        changed = " " + tag("strong", "(renamed)") if any(local.adapted.get(w) for w in role.procedure_says) else ""
        details = [f"{k}: {inline(v)}" for k, v in role.contact.model_dump().items() if v]
        role_rows.append(tag("tr", tag("th", tag("code", role.id), scope="row")
                             + tag("td", f"{said}<br>" + tag("span", f"in {where}", "hb-small"))
                             + tag("td", inline(role.title) + changed)
                             + tag("td", inline(role.about))
                             + tag("td", "; ".join(details) or "(none)")))
    roles_table = tag("table", tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in
                                                              ("Role (id)", "The procedure says", "This handbook shows",
                                                               "About the role", "Contact details"))))
                      + tag("tbody", "".join(role_rows)), "hb-settings")
    role_fields = "".join(tag("li", tag("code", name) + ": " + inline(info.description))
                          for name, info in Role.model_fields.items())
    contact_fields = "".join(tag("li", tag("code", name) + ": " + inline(info.description))
                             for name, info in Contact.model_fields.items())
    return (heading(2, "The partnership", "settings-partnership") + block(tag("div", partnership_table, "hb-table-wrap"))
            + heading(2, "Roles and bodies", "settings-roles")
            + block(tag("p", "Each role or body the escalation routes name. Where the procedure names it, the "
                             "title you set replaces the procedure’s wording on the escalation pages, the "
                             "flowcharts, the navigator and the record. Each entry has these fields:")
                    + tag("ul", role_fields) + tag("p", "and its contact details, each optional:")
                    + tag("ul", contact_fields) + tag("div", roles_table, "hb-table-wrap")))
