# The official Odoo 18 image plus the OCA addons of requirements.txt (from PyPI).
FROM odoo:18
USER root
RUN pip3 install --no-cache-dir --break-system-packages \
        "odoo-addon-product_brand==18.0.*" "odoo-addon-partner_contact_gender==18.0.*" \
        "odoo-addon-report_xlsx==18.0.*" xlsxwriter
USER odoo
