package io.cutover.run;

public enum RunStatus { RUNNING, SUCCEEDED, ROLLED_BACK }
