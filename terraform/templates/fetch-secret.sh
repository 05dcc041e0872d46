# Shell function shared by the app and database configure scripts: prints the database password.
# DATABASE_PASSWORD in the environment wins (rehearsals without AWS); otherwise the secret is read at run time
# from Secrets Manager or SSM Parameter Store, so no password is ever part of user_data.
fetch_database_password() {
  local secret_arn=$1 raw
  if [ -n "$DATABASE_PASSWORD" ]; then
    printf '%s' "$DATABASE_PASSWORD"
    return 0
  fi
  case "$secret_arn" in
    arn:*:secretsmanager:*)
      raw=$(aws secretsmanager get-secret-value --region "$AWS_REGION" --secret-id "$secret_arn" \
        --query SecretString --output text) ;;
    arn:*:ssm:*)
      raw=$(aws ssm get-parameter --region "$AWS_REGION" --with-decryption --name "$secret_arn" \
        --query Parameter.Value --output text) ;;
    *)
      echo "configure: unsupported secret ARN: $secret_arn" >&2
      return 1 ;;
  esac
  # RDS-managed secrets are JSON {"username":..,"password":..}; other secrets hold the bare password.
  if printf '%s' "$raw" | jq -e 'type == "object" and has("password")' >/dev/null 2>&1; then
    printf '%s' "$raw" | jq -r .password
  else
    printf '%s' "$raw"
  fi
}
