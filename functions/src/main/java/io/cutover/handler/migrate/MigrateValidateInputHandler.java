package io.cutover.handler.migrate;

import io.cutover.handler.StartInputHandler;
import io.cutover.input.MigrateInput;
import io.cutover.input.MigrateInputParser;

/** The first state of a migration: the whole start input checked, every bad field named. */
public final class MigrateValidateInputHandler extends StartInputHandler<MigrateInput> {

    public MigrateValidateInputHandler() {
        super("MigrateValidateInput", MigrateInputParser::parse);
    }
}
