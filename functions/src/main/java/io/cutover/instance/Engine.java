package io.cutover.instance;

import java.util.Locale;

/** Database engines a cutover can move. */
public enum Engine {
    POSTGRES("postgres"),
    ORACLE("oracle");

    private final String dmsEngineName;

    Engine(String dmsEngineName) {
        this.dmsEngineName = dmsEngineName;
    }

    /** The DMS EngineName for endpoints of this engine. */
    public String dmsEngineName() {
        return dmsEngineName;
    }

    /** Accepts "postgres"/"postgresql" and "oracle" (any case); RDS engine names such as "oracle-ee" too. */
    public static Engine parse(String value) {
        if (value == null) throw new IllegalArgumentException("engine is missing");
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("postgres") || v.equals("postgresql") || v.equals("aurora-postgresql")) return POSTGRES;
        if (v.equals("oracle") || v.startsWith("oracle-")) return ORACLE;
        throw new IllegalArgumentException("unknown engine '" + value + "' (expected postgres or oracle)");
    }
}
