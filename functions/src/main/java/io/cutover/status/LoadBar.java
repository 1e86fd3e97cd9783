package io.cutover.status;

import java.util.Locale;

/**
 * The full load's progress bar, drawn the same way by {@code ./status} (its DMS tasks section,
 * redrawn by {@code --watch}) and by the rehearsal's load follower: twenty cells, one per 5%.
 */
public final class LoadBar {
    static final int CELLS = 20;

    private LoadBar() {
    }

    /** {@code [##########----------]  50%}; a percentage outside 0..100 is drawn at the nearer end. */
    public static String of(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        int filled = p * CELLS / 100;
        return "[" + "#".repeat(filled) + "-".repeat(CELLS - filled) + "] " + String.format(Locale.ROOT, "%3d%%", p);
    }
}
