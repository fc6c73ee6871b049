// Resource specification additions for the pinned CloudFormation linter (npm cfn-lint
// 1.9.7), loaded before it with `node -r` by .ci/check-static.sh.
//
// That linter checks templates against the CloudFormation resource specification it ships,
// version 2.29.0 from early 2019, and offers no option to read a newer one or to ignore a
// check. It therefore rejects resource types and properties that CloudFormation added
// later and infra/*.yaml uses: Cognito's managed login (2024: UserPoolTier,
// ManagedLoginVersion, AWS::Cognito::ManagedLoginBranding), its OAuth settings, refresh
// token rotation (2025), Aurora Serverless v2's scaling (2022), and a few ECS properties (a container's Secrets among them). This file adds exactly those, with
// the types and required flags of the current CloudFormation schemas, through the linter's
// own resourcesSpec module, so every other check still runs on them. Anything else a template uses that the 2019 specification
// lacks still fails the lint: add it here only after checking it in the CloudFormation
// documentation.
'use strict';

const resourcesSpec = require('cfn-lint/lib/resourcesSpec');

const DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';

function primitive(type, required, docPage) {
	return { Documentation: DOCS + docPage, PrimitiveType: type, Required: required, UpdateType: 'Mutable' };
}

function primitiveList(itemType, docPage) {
	return { Documentation: DOCS + docPage, Type: 'List', PrimitiveItemType: itemType, Required: false,
		UpdateType: 'Mutable' };
}

function typed(type, docPage) {
	return { Documentation: DOCS + docPage, Type: type, Required: false, UpdateType: 'Mutable' };
}

function typedList(itemType, required, docPage) {
	return { Documentation: DOCS + docPage, Type: 'List', ItemType: itemType, Required: required,
		UpdateType: 'Mutable' };
}

const USER_POOL = 'aws-resource-cognito-userpool.html';
const USER_POOL_CLIENT = 'aws-resource-cognito-userpoolclient.html';
const DOMAIN = 'aws-resource-cognito-userpooldomain.html';
const BRANDING = 'aws-resource-cognito-managedloginbranding.html';
const RESOURCE_SERVER = 'aws-resource-cognito-userpoolresourceserver.html';

resourcesSpec.extendSpecification({
	ResourceTypes: {
		// New types: every property of the current schema.
		'AWS::Cognito::UserPoolDomain': {
			Documentation: DOCS + DOMAIN,
			Attributes: { CloudFrontDistribution: { PrimitiveType: 'String' } },
			Properties: {
				UserPoolId: primitive('String', true, DOMAIN),
				Domain: primitive('String', true, DOMAIN),
				ManagedLoginVersion: primitive('Integer', false, DOMAIN),
				CustomDomainConfig: typed('CustomDomainConfigType', DOMAIN),
			},
		},
		'AWS::Cognito::ManagedLoginBranding': {
			Documentation: DOCS + BRANDING,
			Attributes: { ManagedLoginBrandingId: { PrimitiveType: 'String' } },
			Properties: {
				UserPoolId: primitive('String', true, BRANDING),
				ClientId: primitive('String', false, BRANDING),
				UseCognitoProvidedValues: primitive('Boolean', false, BRANDING),
				ReturnMergedResources: primitive('Boolean', false, BRANDING),
				Settings: primitive('Json', false, BRANDING),
				Assets: typedList('AssetType', false, BRANDING),
			},
		},
		'AWS::Cognito::UserPoolResourceServer': {
			Documentation: DOCS + RESOURCE_SERVER,
			Properties: {
				UserPoolId: primitive('String', true, RESOURCE_SERVER),
				Identifier: primitive('String', true, RESOURCE_SERVER),
				Name: primitive('String', true, RESOURCE_SERVER),
				Scopes: typedList('ResourceServerScopeType', false, RESOURCE_SERVER),
			},
		},
		// Existing types: only the properties the templates use.
		'AWS::Cognito::UserPool': {
			Properties: {
				UserPoolTier: primitive('String', false, USER_POOL),
				DeletionProtection: primitive('String', false, USER_POOL),
				AccountRecoverySetting: typed('AccountRecoverySetting', USER_POOL),
				UsernameConfiguration: typed('UsernameConfiguration', USER_POOL),
			},
		},
		'AWS::Cognito::UserPoolClient': {
			Properties: {
				AllowedOAuthFlowsUserPoolClient: primitive('Boolean', false, USER_POOL_CLIENT),
				AllowedOAuthFlows: primitiveList('String', USER_POOL_CLIENT),
				AllowedOAuthScopes: primitiveList('String', USER_POOL_CLIENT),
				CallbackURLs: primitiveList('String', USER_POOL_CLIENT),
				SupportedIdentityProviders: primitiveList('String', USER_POOL_CLIENT),
				PreventUserExistenceErrors: primitive('String', false, USER_POOL_CLIENT),
				EnableTokenRevocation: primitive('Boolean', false, USER_POOL_CLIENT),
				LogoutURLs: primitiveList('String', USER_POOL_CLIENT),
				RefreshTokenRotation: typed('RefreshTokenRotation', USER_POOL_CLIENT),
			},
		},
		'AWS::RDS::DBCluster': {
			Properties: {
				ServerlessV2ScalingConfiguration: typed('ServerlessV2ScalingConfiguration',
						'aws-resource-rds-dbcluster.html'),
			},
		},
		'AWS::ECS::TaskDefinition': {
			Properties: {
				RuntimePlatform: typed('RuntimePlatform', 'aws-resource-ecs-taskdefinition.html'),
			},
		},
		// RoleARN is optional now: without it, Application Auto Scaling uses its
		// service-linked role.
		'AWS::ApplicationAutoScaling::ScalableTarget': {
			Properties: {
				RoleARN: { Required: false },
			},
		},
	},
	PropertyTypes: {
		'AWS::Cognito::UserPoolDomain.CustomDomainConfigType': {
			Properties: { CertificateArn: primitive('String', false, DOMAIN) },
		},
		'AWS::Cognito::ManagedLoginBranding.AssetType': {
			Properties: {
				Category: primitive('String', true, BRANDING),
				ColorMode: primitive('String', true, BRANDING),
				Extension: primitive('String', true, BRANDING),
				Bytes: primitive('String', false, BRANDING),
				ResourceId: primitive('String', false, BRANDING),
			},
		},
		'AWS::Cognito::UserPoolResourceServer.ResourceServerScopeType': {
			Properties: {
				ScopeName: primitive('String', true, RESOURCE_SERVER),
				ScopeDescription: primitive('String', true, RESOURCE_SERVER),
			},
		},
		'AWS::Cognito::UserPoolClient.RefreshTokenRotation': {
			Properties: {
				Feature: primitive('String', false, 'aws-properties-cognito-userpoolclient-refreshtokenrotation.html'),
				RetryGracePeriodSeconds: primitive('Integer', false,
						'aws-properties-cognito-userpoolclient-refreshtokenrotation.html'),
			},
		},
		'AWS::Cognito::UserPool.AccountRecoverySetting': {
			Properties: { RecoveryMechanisms: typedList('RecoveryOption', false, USER_POOL) },
		},
		'AWS::Cognito::UserPool.RecoveryOption': {
			Properties: {
				Name: primitive('String', false, USER_POOL),
				Priority: primitive('Integer', false, USER_POOL),
			},
		},
		'AWS::Cognito::UserPool.UsernameConfiguration': {
			Properties: { CaseSensitive: primitive('Boolean', false, USER_POOL) },
		},
		'AWS::RDS::DBCluster.ServerlessV2ScalingConfiguration': {
			Properties: {
				MinCapacity: primitive('Double', false, 'aws-properties-rds-dbcluster-serverlessv2scalingconfiguration.html'),
				MaxCapacity: primitive('Double', false, 'aws-properties-rds-dbcluster-serverlessv2scalingconfiguration.html'),
			},
		},
		'AWS::ECS::TaskDefinition.RuntimePlatform': {
			Properties: {
				CpuArchitecture: primitive('String', false, 'aws-properties-ecs-taskdefinition-runtimeplatform.html'),
				OperatingSystemFamily: primitive('String', false,
						'aws-properties-ecs-taskdefinition-runtimeplatform.html'),
			},
		},
		'AWS::ECS::TaskDefinition.ContainerDefinition': {
			Properties: {
				StopTimeout: primitive('Integer', false, 'aws-properties-ecs-taskdefinition-containerdefinition.html'),
				Secrets: typedList('Secret', false, 'aws-properties-ecs-taskdefinition-containerdefinition.html'),
			},
		},
		'AWS::ECS::TaskDefinition.Secret': {
			Properties: {
				Name: primitive('String', true, 'aws-properties-ecs-taskdefinition-secret.html'),
				ValueFrom: primitive('String', true, 'aws-properties-ecs-taskdefinition-secret.html'),
			},
		},
		'AWS::ECS::Service.DeploymentConfiguration': {
			Properties: {
				DeploymentCircuitBreaker: typed('DeploymentCircuitBreaker',
						'aws-properties-ecs-service-deploymentconfiguration.html'),
			},
		},
		'AWS::ECS::Service.DeploymentCircuitBreaker': {
			Properties: {
				Enable: primitive('Boolean', true, 'aws-properties-ecs-service-deploymentcircuitbreaker.html'),
				Rollback: primitive('Boolean', true, 'aws-properties-ecs-service-deploymentcircuitbreaker.html'),
			},
		},
	},
});
