package io.cutover.rehearsal.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Ready-to-paste AWS CLI commands against the rehearsal's local endpoints, as
 * {@code ./rehearse --keep-running} and {@code ./rehearse-twoway --hold} print them.
 */
public final class AwsCliCommands {
    /** The AWS CLI needs credentials and a region; the local endpoints accept any. */
    public static final String ENVIRONMENT = "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1";

    private AwsCliCommands() {
    }

    /** {@code aws --endpoint-url ENDPOINT --no-cli-pager SERVICE OPERATION ARGS...} */
    public static String command(String endpoint, String service, String operation, String... args) {
        StringBuilder b = new StringBuilder("aws --endpoint-url ").append(endpoint).append(" --no-cli-pager ")
                .append(service).append(' ').append(operation);
        for (String a : args) b.append(' ').append(a);
        return b.toString();
    }

    /** How to give the AWS CLI the credentials and region it wants. */
    public static List<String> environment() {
        return List.of("Local endpoints (127.0.0.1 only). The AWS CLI needs credentials and a region; any will do:",
                "  export " + ENVIRONMENT);
    }

    /** Where Step Functions listens, its state machines and how to list their executions. */
    public static List<String> stepFunctions(String endpoint, List<String> stateMachineArns) {
        List<String> lines = new ArrayList<>();
        lines.add("Step Functions " + endpoint + " (AWS JSON 1.0 protocol)");
        for (String arn : stateMachineArns) {
            lines.add("  state machine " + arn);
            lines.add("  " + command(endpoint, "stepfunctions", "list-executions", "--state-machine-arn", arn));
        }
        return lines;
    }

    /** Where DynamoDB Local listens and how to read its tables. */
    public static List<String> dynamodb(String endpoint, List<String> tables) {
        List<String> lines = new ArrayList<>();
        lines.add("DynamoDB Local " + endpoint + " (tables " + String.join(", ", tables) + ")");
        for (String table : tables) lines.add("  " + command(endpoint, "dynamodb", "scan", "--table-name", table));
        return lines;
    }
}
