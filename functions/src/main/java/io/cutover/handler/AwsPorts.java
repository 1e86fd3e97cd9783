package io.cutover.handler;

import io.cutover.runbook.Ports;

/** The ports wired to AWS, built once per Lambda container (outside the handler method, for SnapStart). */
final class AwsPorts {
    private AwsPorts() {
    }

    static Ports instance() {
        throw new IllegalStateException("AWS wiring not available yet");
    }
}
