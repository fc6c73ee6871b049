#!/usr/bin/env bash
# Lints the CloudFormation templates under infra/ without an AWS account:
#  1. with the pinned linter, npm cfn-lint 1.9.7 (.ci/package.json), given the resource
#     types and properties its 2019 specification lacks by .ci/cfn-lint-spec.js, and sample
#     values for the parameters whose format it checks (URLs, ARNs), since it would
#     otherwise make up values such as "string_input_CertificateArn", and for the list
#     parameters whose default is empty, which CloudFormation reads as one empty item and
#     this linter refuses;
#  2. with AWS's cfn-lint (Python) too when it is installed; it knows the current schemas.
# The Dockerfile and docker-compose.yml are checked by ContainerFilesTests (./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .ci/node_modules/.bin/cfn-lint ]; then
  npm ci --prefix .ci --no-audit --no-fund
fi

resource_url=https://mcp.example.com/mcp
certificate_arn=arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000
issuer_uri=https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI
lambda_arn=arn:aws:lambda:us-east-1:123456789012:function:orders-tools

failed=0
for template in infra/*.yaml; do
  case "$template" in
    infra/cognito.yaml) parameters="ResourceUrl=$resource_url" ;;
    infra/service.yaml) parameters="ResourceUrl=$resource_url,CertificateArn=$certificate_arn,IssuerUri=$issuer_uri,LambdaTargetArns=$lambda_arn" ;;
    *) echo "$template: no sample parameters in $0; add them" >&2; failed=1; continue ;;
  esac
  echo "cfn-lint 1.9.7: $template"
  if ! node -r ./.ci/cfn-lint-spec.js .ci/node_modules/.bin/cfn-lint validate "$template" --parameters "$parameters"; then
    failed=1
  fi
done

if command -v cfn-lint >/dev/null && cfn-lint --version 2>/dev/null | grep -q '^cfn-lint '; then
  echo "$(cfn-lint --version): infra/*.yaml"
  cfn-lint -- infra/*.yaml || failed=1
else
  echo "AWS cfn-lint (Python) is not installed: only the pinned linter ran"
fi

exit "$failed"
