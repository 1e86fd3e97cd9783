package io.cutover.aws;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** One SDK call of an adapter: any SDK failure leaves it as an {@link AwsCallException} naming service and operation. */
final class AwsCall {
    private AwsCall() {
    }

    static <T> T call(String service, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsCallException.of(service, operation, e);
        }
    }

    /** A describe call: the service's not-found error (e.g. a filter that matches nothing) is an empty answer. */
    static <T> Optional<T> describe(String service, String operation, Class<? extends SdkException> notFound,
                                    Supplier<Optional<T>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            if (notFound.isInstance(e)) return Optional.empty();
            throw AwsCallException.of(service, operation, e);
        }
    }
}
