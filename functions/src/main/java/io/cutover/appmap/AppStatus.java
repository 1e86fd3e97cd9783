package io.cutover.appmap;

/** OPEN: applications write. FROZEN: applications hold their writes. */
public enum AppStatus { OPEN, FROZEN }
