package io.cutover.handler.switchover;

import io.cutover.handler.StartInputHandler;
import io.cutover.input.SwitchoverInput;
import io.cutover.input.SwitchoverInputParser;

/** The first state of a switchover: the whole start input checked, every bad field named. */
public final class SwitchoverValidateInputHandler extends StartInputHandler<SwitchoverInput> {

    public SwitchoverValidateInputHandler() {
        super("SwitchoverValidateInput", SwitchoverInputParser::parse);
    }
}
