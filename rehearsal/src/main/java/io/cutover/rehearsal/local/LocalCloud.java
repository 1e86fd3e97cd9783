package io.cutover.rehearsal.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.cutover.catalog.StepCatalog;
import io.cutover.dynamo.DynamoAppMap;
import io.cutover.dynamo.DynamoRunStore;
import io.cutover.dynamo.Tables;
import io.cutover.handler.operations.ResourceEventHandler;
import io.cutover.jdbc.JdbcConnectionFactory;
import io.cutover.jdbc.JdbcSettings;
import io.cutover.jdbc.JdbcSiteDatabases;
import io.cutover.jdbc.JdbcSourceProbes;
import io.cutover.jdbc.KeptConnections;
import io.cutover.rehearsal.engine.LocalLambdaEndpoint;
import io.cutover.rehearsal.engine.LocalTaskCallbacks;
import io.cutover.rehearsal.engine.StepFunctionsEngine;
import io.cutover.rehearsal.engine.api.LocalStepFunctions;
import io.cutover.runbook.Ports;
import io.cutover.jdbc.PostgresMigrationCatalog;
import io.cutover.jdbc.PostgresTableChecksums;
import io.cutover.jdbc.PostgresTargetPreparation;
import io.cutover.migrate.run.MigrationPorts;
import io.cutover.switchover.SwitchoverPorts;
import io.cutover.testing.DynamoDbLocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything AWS would be, on this machine: DynamoDB Local with the runs and appmap tables, RDS
 * and DMS on real PostgreSQL, Secrets Manager in memory, EventBridge as a local bus to the real
 * event handler, and the real step handlers behind a local Lambda Invoke endpoint that the
 * local Step Functions engine calls.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String RUNS_TABLE = "cutover-runs";
    public static final String APPMAP_TABLE = "cutover-appmap";
    private static final Pattern FUNCTION_PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)FunctionArn}");

    private final DynamoDbLocal dynamo;
    private final LocalSecrets secrets = new LocalSecrets();
    private final LocalEventBus bus = new LocalEventBus();
    private final LocalInstances instances;
    private final LocalReplication replication;
    private final DatabaseTime databaseTime = new DatabaseTime();
    private final LocalTaskCallbacks callbacks = new LocalTaskCallbacks();
    private final LocalLambdaEndpoint endpoint;
    private final StepFunctionsEngine engine;
    private final LocalStepFunctions stepFunctions;
    private final Ports ports;
    private final SwitchoverPorts switchoverPorts;
    private final MigrationPorts migrationPorts;
    private final KeptConnections keptConnections;
    /** Each deployed function's own kept connections (see handler). */
    private final Map<String, KeptConnections> functionConnections = new java.util.concurrent.ConcurrentHashMap<>();
    private io.cutover.rehearsal.s3.LocalS3Server s3;
    private volatile StepInvocation.FaultPlan faults = StepInvocation.FaultPlan.NONE;

    public LocalCloud(Duration promotionModifyingFor) {
        dynamo = quietly(DynamoDbLocal::start);
        Tables.createRunsTable(dynamo.client(), RUNS_TABLE);
        Tables.createAppMapTable(dynamo.client(), APPMAP_TABLE);
        instances = new LocalInstances(bus, promotionModifyingFor);
        replication = new LocalReplication(secrets, bus);
        // As on AWS (AwsPorts): probes and switchover site work keep their connections between calls -
        // these for the event function and the tools; each deployed step function gets its own (handler).
        keptConnections = new KeptConnections(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment()));
        ports = new Ports(
                databaseTime.timed(instances),
                databaseTime.timed(replication),
                databaseTime.timed(new JdbcSourceProbes(keptConnections)),
                new DynamoRunStore(dynamo.client(), RUNS_TABLE),
                new DynamoAppMap(dynamo.client(), APPMAP_TABLE),
                callbacks,
                Clock.systemUTC(),
                secrets);
        switchoverPorts = new SwitchoverPorts(ports, new JdbcSiteDatabases(keptConnections));
        replication.useS3(() -> s3().client());
        // The migration's site work opens a connection per call, as on AWS (AwsMigrationPorts).
        migrationPorts = new MigrationPorts(ports, new JdbcSiteDatabases(secrets), new LocalTaskMetrics(replication),
                new PostgresMigrationCatalog(secrets), new PostgresTargetPreparation(secrets),
                new PostgresTableChecksums(secrets), new io.cutover.migrate.s3.S3Objects() {
                    // The product's S3 adapter over S3Proxy's client, started on first use.
                    @Override
                    public java.util.List<StoredObject> list(String bucket, String prefix) {
                        return new io.cutover.aws.S3ObjectStore(s3().client()).list(bucket, prefix);
                    }

                    @Override
                    public java.io.InputStream open(String bucket, String key) {
                        return new io.cutover.aws.S3ObjectStore(s3().client()).open(bucket, key);
                    }
                });
        bus.target(new ResourceEventHandler(ports));
        endpoint = new LocalLambdaEndpoint(callbacks).start();
        engine = new StepFunctionsEngine(endpoint);
        stepFunctions = new LocalStepFunctions(engine);
    }

    /** DynamoDB Local prints its configuration banner on stdout; the rehearsal's output is for the run. */
    private static <T> T quietly(java.util.function.Supplier<T> start) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.get();
        } finally {
            System.setOut(out);
        }
    }

    /**
     * Registers, for every {@code ${XFunctionArn}} of the definition, the handler class the step
     * catalog names for step X (as the CDK stack deploys it), and deploys the state machine in the
     * local Step Functions.
     *
     * @return the substitutions CDK would apply, with local function ARNs
     */
    public Map<String, String> deploy(Path definition) {
        String asl;
        try {
            asl = Files.readString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> substitutions = new LinkedHashMap<>();
        TreeSet<String> functions = new TreeSet<>();
        Matcher m = FUNCTION_PLACEHOLDER.matcher(asl);
        while (m.find()) functions.add(m.group(1));
        for (String function : functions) {
            RequestStreamHandler handler = handler(function);
            endpoint.register(function, new StepInvocation(function, handler,
                    (f, payload) -> faults.failingState(f, payload), ports.runs(), databaseTime));
            substitutions.put(function + "FunctionArn", endpoint.functionArn(function));
        }
        stepFunctions.deploy(definition, substitutions);
        return substitutions;
    }

    /**
     * The function's handler on ports of its own where AWS gives it its own: each Lambda function has
     * its own containers, so its kept connections are its own (one step never reuses another's).
     */
    private RequestStreamHandler handler(String function) {
        String className = StepCatalog.require(function, "${" + function + "FunctionArn}").handlerClass();
        KeptConnections own = functionConnections.computeIfAbsent(function,
                f -> new KeptConnections(new JdbcConnectionFactory(secrets, JdbcSettings.fromEnvironment())));
        Ports core = new Ports(ports.instances(), ports.replication(), databaseTime.timed(new JdbcSourceProbes(own)),
                ports.runs(), ports.appMap(), ports.callbacks(), ports.clock(), ports.secrets());
        try {
            Class<?> type = Class.forName(className);
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Ports.class) {
                    return (RequestStreamHandler) c.newInstance(core);
                }
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == SwitchoverPorts.class) {
                    return (RequestStreamHandler) c.newInstance(new SwitchoverPorts(core, new JdbcSiteDatabases(own)));
                }
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == MigrationPorts.class) {
                    MigrationPorts m = migrationPorts;
                    return (RequestStreamHandler) c.newInstance(new MigrationPorts(core, m.sites(), m.metrics(),
                            m.catalog(), m.target(), m.checksums(), m.s3()));
                }
            }
            return (RequestStreamHandler) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no handler " + className + " for ${" + function + "FunctionArn}", e);
        }
    }

    public void faults(StepInvocation.FaultPlan plan) {
        this.faults = plan;
    }

    public Ports ports() {
        return ports;
    }

    public SwitchoverPorts switchoverPorts() {
        return switchoverPorts;
    }

    /** S3 (S3Proxy in-process), started on first use: where S3 target endpoints write. */
    public synchronized io.cutover.rehearsal.s3.LocalS3Server s3() {
        if (s3 == null) s3 = io.cutover.rehearsal.s3.LocalS3Server.start();
        return s3;
    }

    public MigrationPorts migrationPorts() {
        return migrationPorts;
    }

    public LocalSecrets secrets() {
        return secrets;
    }

    public LocalEventBus bus() {
        return bus;
    }

    public LocalInstances instances() {
        return instances;
    }

    public LocalReplication replication() {
        return replication;
    }

    public DatabaseTime databaseTime() {
        return databaseTime;
    }

    public StepFunctionsEngine engine() {
        return engine;
    }

    /** Step Functions: the deployed state machines and every execution (start the rehearsal's runs here). */
    public LocalStepFunctions stepFunctions() {
        return stepFunctions;
    }

    public LocalLambdaEndpoint endpoint() {
        return endpoint;
    }

    public DynamoDbLocal dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (s3 != null) s3.close();
        }
        replication.close();
        engine.close();
        endpoint.close();
        keptConnections.close();
        functionConnections.values().forEach(KeptConnections::close);
        bus.close();
        dynamo.close();
    }
}
