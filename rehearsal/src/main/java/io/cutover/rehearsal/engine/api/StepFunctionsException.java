package io.cutover.rehearsal.engine.api;

/**
 * An error of the Step Functions API as AWS answers it: HTTP 400 with
 * {@code {"__type": "com.amazonaws.swf.service.v2.model#<code>", "message": ...}} (the SDKs and the
 * AWS CLI take the part after {@code #} as the error code). The codes are the ones AWS's API model
 * lists for each operation.
 */
public final class StepFunctionsException extends RuntimeException {
    private final String code;

    public StepFunctionsException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The {@code __type} AWS sends (model validation errors live in another namespace). */
    public String type() {
        return "ValidationException".equals(code) ? "com.amazon.coral.validate#ValidationException"
                : "com.amazonaws.swf.service.v2.model#" + code;
    }

    static StepFunctionsException invalidArn(String arn) {
        return new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
    }
}
