from odoo.tools.translate import TranslationImporter, get_po_paths

REMINDER = "shop_customer_scoring.mail_template_debt_reminder"
HOOK = "shop_customer_scoring.debt_reminder_invoice_extra"


def post_init_hook(env):
    """Give the debt reminder's translations the per-invoice hook the Pix rows go in. A database upgraded from a
    shop_customer_scoring without it keeps its old translated bodies (Odoo does not overwrite translations on
    upgrade); they are reloaded from shop_customer_scoring's .po files, this template only."""
    template = env.ref(REMINDER)
    importer = TranslationImporter(env.cr, verbose=False)
    for lang, _name in env["res.lang"].get_installed():
        if lang != "en_US" and HOOK not in (template.with_context(lang=lang).body_html or ""):
            for po_path in get_po_paths("shop_customer_scoring", lang, env=env):
                importer.load_file(po_path, lang, xmlids={REMINDER})
    importer.save(overwrite=True)
