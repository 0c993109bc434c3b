package io.touchpoint.core.crm;

/**
 * The key a CRM row is matched on: the first of its key columns that holds a value, in this order
 * (docs/crm.md). The order puts first what names a web visitor most surely: a visitor id captured
 * by the form is the visitor, a click id is the session that carried it, while a user id or e-mail
 * names a person only when the tracker saw it too.
 */
public enum CrmKey {
    VISITOR_ID("visitor_id"),
    CLICK_ID("click_id"),
    USER_ID("user_id"),
    EMAIL("email"),
    ACCOUNT_ID("account_id");

    private final String label;

    CrmKey(String label) {
        this.label = label;
    }

    /** The key's name in {@code crm_unmatched.key}: its CRM column's name. */
    public String label() {
        return label;
    }

    /** Whether the key names a person directly (its value is the person id), not through the visitor pass. */
    public boolean namesPerson() {
        return this == USER_ID || this == EMAIL;
    }
}
