package io.cutover.switchover;

import io.cutover.failure.StepFailed;
import io.cutover.input.SwitchoverInputParser;
import io.cutover.testing.FakeSiteDatabases;
import io.cutover.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestoreReplicationRoleTest {
    final FakeSiteDatabases sites = new FakeSiteDatabases();
    final SwitchoverState state = new SwitchoverState("switch-1", SwitchoverInputParser.parse(SampleEvents.load("start-switchover.json")),
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    final String toHost = state.input().toSite().host();

    @Test
    void whatCutoverSetIsResetToOrigin() {
        sites.holdReplicaRole(state.toConnection(), "dms_apply", "migration-1");
        SwitchoverState.Role role = new RestoreReplicationRole(sites).restore(state);
        assertEquals("replica", role.before());
        assertEquals("origin", role.after());
        assertEquals(1, role.reset().size());
    }

    @Test
    void aReplicaRoleSomeoneElseSetIsNotResetAndStopsTheRunWithItsName() {
        sites.site(toHost).replicationRole = "replica";
        sites.site(toHost).roleSetByCutover = false;
        String m = assertThrows(StepFailed.class, () -> new RestoreReplicationRole(sites).restore(state)).getMessage();
        assertTrue(m.contains("Not reset, because cutover did not set them: database x: replica - reset them yourself"), m);
        assertEquals("replica", sites.site(toHost).replicationRole, "left as it was");
    }
}
