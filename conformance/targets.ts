// Where the conformance suite runs gtctl: the SageMaker it talks to is always a gtctl sandbox (nothing else serves
// the Ground Truth APIs here); Cognito, S3 and STS are that sandbox's own (`sandbox`), or another endpoint's that
// SageMaker then runs over (`moto`, or a second sandbox in the integration test): design §6.2.
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

export interface Target {
  name: string;
  /** The account gtctl sees (STS of the Cognito/S3 side). */
  account: string;
  /** The sandbox serving SageMaker: its workers stand-in and clock. */
  sageMakerUrl: string;
  /** What gtctl's environment needs: endpoints, credentials, Region. */
  env: Record<string, string>;
  /** Endpoint for the suite's own SDK checks of Cognito and S3. */
  endpoint: string;
  close(): Promise<void>;
}

export const REGION = 'us-east-1';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: REGION, AWS_EC2_METADATA_DISABLED: 'true' };

/** Everything on one realistic sandbox. */
export async function sandboxTarget(): Promise<Target> {
  const sandbox = await startSandbox();
  return {
    name: 'sandbox',
    account: sandbox.account,
    sageMakerUrl: sandbox.url,
    env: { ...CREDENTIALS, AWS_ENDPOINT_URL: sandbox.url },
    endpoint: sandbox.url,
    close: () => sandbox.close(),
  };
}

/** SageMaker on a realistic sandbox over the Cognito, S3 and STS at `backend` (moto, or another sandbox). */
export async function externalTarget(name: string, backend: string, closeBackend: () => Promise<void> = async () => undefined): Promise<Target> {
  // The sandbox's own SDK clients read credentials from the environment, as a user's would.
  Object.assign(process.env, CREDENTIALS);
  const front: Sandbox = await startSandbox({ external: { cognitoEndpoint: backend, s3Endpoint: backend } });
  return {
    name,
    account: front.account,
    sageMakerUrl: front.url,
    env: { ...CREDENTIALS, AWS_ENDPOINT_URL: backend, AWS_ENDPOINT_URL_SAGEMAKER: front.url },
    endpoint: backend,
    close: async () => {
      await front.close();
      await closeBackend();
    },
  };
}
