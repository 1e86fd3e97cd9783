package io.cutover.catalog;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cutover.appmap.AppMap;
import io.cutover.instance.DatabaseInstances;
import io.cutover.probe.SourceProbes;
import io.cutover.replication.Replication;
import io.cutover.run.RunStore;
import io.cutover.secrets.Secrets;
import io.cutover.run.StepEvent;
import io.cutover.runbook.Ports;
import io.cutover.switchover.SiteDatabases;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.waiting.TaskCallbacks;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports that record, per step, the AWS calls the step's code makes through them ({@link PortCalls}),
 * so the step tests can check them against the step catalog. A call belongs to the step whose
 * catalog handler class is on the stack; calls from a handler base class belong to the step named
 * in the history event it records. Calls from test code (no handler on the stack) are not counted.
 */
public final class RecordingPorts implements AfterAllCallback {
    private static final Map<String, String> STEP_BY_HANDLER = StepCatalog.all().stream()
            .collect(Collectors.toMap(Step::handlerClass, Step::name));
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Map<String, Set<String>> observed = new ConcurrentHashMap<>();
    private final Set<String> unattributed = new ConcurrentSkipListSet<>();
    private final String[] seen;

    /**
     * Registered as a static extension of a test class, it checks after all its tests that every
     * call was declared and that the {@code seen} calls ("Step action") were recorded.
     */
    public RecordingPorts(String... seen) {
        this.seen = seen;
    }

    public Ports wrap(Ports p) {
        return new Ports(record(DatabaseInstances.class, p.instances()), record(Replication.class, p.replication()),
                record(SourceProbes.class, p.probes()), record(RunStore.class, p.runs()), record(AppMap.class, p.appMap()),
                record(TaskCallbacks.class, p.callbacks()), p.clock(),
                record(Secrets.class, p.secrets()));
    }

    public SwitchoverPorts wrap(SwitchoverPorts p) {
        return new SwitchoverPorts(wrap(p.core()), record(SiteDatabases.class, p.sites()));
    }

    /**
     * Fails if a step made an AWS call its catalog entry does not declare, or a handler's call
     * could not be put down to a step, or one of the {@code seen} calls ("Step action") was not
     * recorded (so the recording itself is known to work).
     */
    @Override
    public void afterAll(ExtensionContext context) {
        assertDeclared(seen);
    }

    public void assertDeclared(String... seen) {
        for (String expected : seen) {
            String[] stepAndAction = expected.split(" ");
            assertTrue(observed.getOrDefault(stepAndAction[0], Set.of()).contains(stepAndAction[1]),
                    "not recorded: " + expected + "; recorded: " + observed);
        }
        Map<String, Set<String>> undeclared = new TreeMap<>();
        observed.forEach((step, keys) -> {
            Set<String> extra = new TreeSet<>(keys);
            extra.removeAll(PortCalls.declared(StepCatalog.require(step, "RecordingPorts")));
            if (!extra.isEmpty()) undeclared.put(step, extra);
        });
        assertEquals(Map.of(), undeclared, "AWS calls steps make that io.cutover.catalog.StepCatalog does not declare");
        assertEquals(Set.of(), unattributed, "handler calls that belong to no catalog step");
    }

    @SuppressWarnings("unchecked")
    private <T> T record(Class<T> port, T target) {
        if (target == null) return null;
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return invoke(method, target, args);
            Set<String> actions = PortCalls.of(port, method.getName());
            if (!actions.isEmpty()) {
                step(method, args).ifPresent(step -> observed.computeIfAbsent(step, k -> new ConcurrentSkipListSet<>())
                        .addAll(actions));
            }
            Object result = invoke(method, target, args);
            // The factories hand out per-engine ports: record those too.
            if (method.getName().equals("forEngine") && result != null) {
                return record((Class<Object>) method.getReturnType(), result);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The step making the call: empty when no handler is on the stack (test set-up). */
    private Optional<String> step(Method method, Object[] args) {
        List<Class<?>> handlers = STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(RecordingPorts::isHandler).toList());
        for (Class<?> c : handlers) {
            String step = STEP_BY_HANDLER.get(c.getName());
            if (step != null) return Optional.of(step);
        }
        if (handlers.isEmpty()) return Optional.empty();
        // Only kernel base classes on the stack (a shared step such as AcquireLock): the base names
        // the running step in the log context.
        String logged = org.slf4j.MDC.get("step");
        if (logged != null && StepCatalog.find(logged).isPresent()) return Optional.of(logged);
        if (method.getName().equals("recordSteps") && args[1] instanceof List<?> events && !events.isEmpty()
                && events.getLast() instanceof StepEvent event && StepCatalog.find(event.step()).isPresent()) {
            return Optional.of(event.step());
        }
        unattributed.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + " from " + handlers);
        return Optional.empty();
    }

    private static boolean isHandler(Class<?> c) {
        return RequestStreamHandler.class.isAssignableFrom(c) || RequestHandler.class.isAssignableFrom(c);
    }
}
