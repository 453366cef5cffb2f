// The sandbox's state when nothing has been created yet: at start without `--state`, and after `POST /_sandbox/reset`.
import { emptyCognitoState } from '../cognito/state.js';
import { emptyS3State } from '../s3/state.js';
import { emptySageMakerState } from '../sagemaker/state.js';
import type { SandboxState } from '../service.js';
import { emptyIamState } from '../iam/state.js';
import { emptySnsState } from '../sns/state.js';

export function emptySandboxState(): SandboxState {
  return { cognito: emptyCognitoState(), sagemaker: emptySageMakerState(), s3: emptyS3State(), sns: emptySnsState(), iam: emptyIamState(), clockOffsetMs: 0 };
}
