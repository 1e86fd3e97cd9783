package io.cutover.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app (cdk.json runs it). Environment-agnostic: account and region come from the CLI's
 * credentials at deploy time. cdk-nag's AwsSolutions checks run on every synth; an unsuppressed
 * error fails {@code cdk synth} and the tests.
 */
public final class CutoverApp {

    public static final String DEFAULT_STACK_NAME = "Cutover";
    public static final String CTX_STACK_NAME = "cutover:stackName";

    private CutoverApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, RepoLayout.locate());
        app.synth();
    }

    /** The stack with cdk-nag applied; shared by main and the tests so both check the same thing. */
    public static CutoverStack build(App app, RepoLayout layout) {
        Object name = app.getNode().tryGetContext(CTX_STACK_NAME);
        String stackName = name == null || name.toString().isBlank() ? DEFAULT_STACK_NAME : name.toString();
        CutoverStack stack = new CutoverStack(app, stackName, StackProps.builder()
                .description("cutover: database cutovers with AWS DMS, orchestrated by Step Functions")
                .build(), layout);
        Tags.of(stack).add("project", "cutover");
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
