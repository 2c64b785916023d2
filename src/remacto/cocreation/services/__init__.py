"""Every change to a programme, one module per step of the cycle. Each function takes the acting user first,
checks a ``cocreation.*`` permission on the programme's collectivity, validates, writes in one transaction and
records the audit log."""
