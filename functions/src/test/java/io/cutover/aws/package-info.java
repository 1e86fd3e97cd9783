/**
 * Tests of the AWS adapters against a fake AWS at the HTTP level.
 *
 * <p>Stubbed: AWS's HTTP responses only. {@link io.cutover.aws.StubAws} is a JDK HttpServer on
 * a loopback port that answers each call with a recorded body from {@code src/test/resources/aws/},
 * written from the documented response shapes (RDS Query API XML; DMS, Step Functions and
 * Secrets Manager JSON protocol, errors included), and records every request it receives.
 *
 * <p>Real: the AWS SDK v2 clients (built with endpointOverride to the stub and dummy static
 * credentials, so requests are signed and marshalled exactly as for AWS), the SDK's response
 * and error unmarshalling, and our adapters' request building and mapping. Tests assert both
 * the request on the wire (form parameters, JSON body, X-Amz-Target) and the mapped result.
 * SDK retries are switched off so that each test sees exactly one exchange per call.
 */
package io.cutover.aws;
