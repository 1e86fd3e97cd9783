package io.cutover.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.List;

/**
 * RDS and DMS events to the event handler. Events only wake waiters (the handler describes the
 * resource and decides), so any RDS instance event and any DMS task state change is sent, not a
 * guessed subset: a promotion has no event of its own, and a missed wake-up costs a poll.
 * Deliveries EventBridge cannot make, and invocations that still fail after Lambda's own
 * retries, land in one dead-letter queue.
 */
public final class EventWiring extends Construct {

    public static final String RDS_SOURCE = "aws.rds";
    public static final String RDS_DETAIL_TYPE = "RDS DB Instance Event";
    public static final String DMS_SOURCE = "aws.dms";
    public static final String DMS_DETAIL_TYPE = "DMS Replication Task State Change";

    public final Queue deadLetters;
    public final Rule rdsEvents;
    public final Rule dmsEvents;

    public EventWiring(Construct scope, String id, StepLambdas.StepFunction eventHandler) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();

        // After EventBridge hands the event over, Lambda retries a failing invocation twice; what
        // still fails goes to the same queue, so one place shows every lost wake-up.
        eventHandler.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(2)
                .maxEventAge(Duration.hours(1))
                .onFailure(failureDestination(deadLetters))
                .build());

        LambdaFunction target = LambdaFunction.Builder.create(eventHandler.alias())
                .deadLetterQueue(deadLetters)
                .retryAttempts(8)
                .maxEventAge(Duration.hours(2))
                .build();

        rdsEvents = Rule.Builder.create(this, "RdsInstanceEvents")
                .description("RDS DB instance events wake cutover steps waiting on that instance")
                .eventPattern(EventPattern.builder()
                        .source(List.of(RDS_SOURCE))
                        .detailType(List.of(RDS_DETAIL_TYPE))
                        .build())
                .targets(List.of(target))
                .build();
        dmsEvents = Rule.Builder.create(this, "DmsTaskStateChanges")
                .description("DMS replication task state changes wake cutover steps waiting on that task")
                .eventPattern(EventPattern.builder()
                        .source(List.of(DMS_SOURCE))
                        .detailType(List.of(DMS_DETAIL_TYPE))
                        .build())
                .targets(List.of(target))
                .build();
    }

    /**
     * The queue as the failure destination, without CDK's SqsDestination grant (SendMessage plus
     * GetQueueAttributes and GetQueueUrl, which Lambda does not call): the handler's role gets
     * sqs:SendMessage from the step catalog, like every other permission.
     */
    private static IDestination failureDestination(Queue queue) {
        return new IDestination() {
            @Override
            public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
                return DestinationConfig.builder().destination(queue.getQueueArn()).build();
            }

            @Override
            public DestinationConfig bind(Construct scope, IFunction fn) {
                return bind(scope, fn, null);
            }
        };
    }
}
