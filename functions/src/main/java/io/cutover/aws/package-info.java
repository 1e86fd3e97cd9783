/**
 * AWS SDK v2 adapters for the domain ports: {@link io.cutover.aws.RdsInstances},
 * {@link io.cutover.aws.DmsReplication}, {@link io.cutover.aws.SecretsManagerSecrets},
 * {@link io.cutover.aws.SfnTaskCallbacks}; clients from {@link io.cutover.aws.AwsClients}.
 *
 * <p>Failures of AWS calls surface as {@link io.cutover.aws.AwsCallException} (service, operation,
 * AWS error code, {@code isTransient()}); "not found" on a describe is an empty Optional, and a
 * task token that is gone is {@code false}.
 *
 * <p>DMS endpoints are created with SecretsManagerSecretId + SecretsManagerAccessRoleArn only:
 * DMS then takes user, password, host and port from the secret (it refuses ServerName, Port,
 * Username, Password beside a secret), so the secret must hold {@code host} and {@code port} as
 * well as {@code username}/{@code password}. A PostgreSQL source with an existing slot is given
 * PluginName test-decoding: the slot must have been created with {@code test_decoding}.
 */
package io.cutover.aws;
