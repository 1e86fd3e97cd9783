package io.cutover.handler.promote;

import io.cutover.handler.StartInputHandler;
import io.cutover.input.PromoteReplicaInput;
import io.cutover.input.StartInputParser;

/** The first state of promote-replica: the whole start input checked, every bad field named. */
public final class ValidateInputHandler extends StartInputHandler<PromoteReplicaInput> {

    public ValidateInputHandler() {
        super("ValidateInput", StartInputParser::parse);
    }
}
