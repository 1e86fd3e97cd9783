package io.cutover.catalog;

/**
 * The package of each group of handler classes. The only place the catalog says where handlers
 * live: moving a group to another package is a change of one line here.
 */
public enum HandlerGroup {
    PROMOTE_REPLICA("io.cutover.handler.promote"),
    SWITCHOVER("io.cutover.handler.switchover"),
    MIGRATE("io.cutover.handler.migrate"),
    /** Shared waits, events, status and appmap administration. */
    OPERATIONS("io.cutover.handler.operations");

    private final String handlerPackage;

    HandlerGroup(String handlerPackage) {
        this.handlerPackage = handlerPackage;
    }

    public String handlerPackage() {
        return handlerPackage;
    }
}
