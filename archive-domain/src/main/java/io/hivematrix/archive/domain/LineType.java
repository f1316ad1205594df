package io.hivematrix.archive.domain;

import java.util.Locale;

/** What a bill line charges for. */
public enum LineType {
    USER, ASSET, BACKUP, TICKET, CUSTOM;

    /** The lower-case name used on the wire and in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LineType fromCode(String code) {
        for (LineType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("line type must be one of user, asset, backup, ticket, custom");
    }
}
