# The two set-up commands (README): both provision what a fresh machine is missing.
.PHONY: run test provision stop lint

run:        ## provision local services, build and start the server on :8080
	bash infra/dev/run.sh

test:       ## provision local services (or use Docker), lint the contract, run every test
	bash infra/dev/test.sh

provision:  ## only install/start PostgreSQL+pgvector, Redis and S3Proxy
	bash infra/dev/provision.sh

stop:       ## stop the local services
	bash infra/dev/stop.sh

lint:       ## lint openapi.yaml
	bash infra/contract/lint.sh
