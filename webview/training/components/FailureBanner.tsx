// Why a run stopped on its own: where the numbers blew up (epoch, step, node) and what to try.
import type { RunFailure } from '../../../src/protocol/messages';

export function FailureBanner({ failure }: { failure: RunFailure }): React.JSX.Element {
  return (
    <div className="failure" role="alert">
      <p>{failure.message}</p>
      {failure.suggestion !== undefined ? <p className="suggestion">{failure.suggestion}</p> : null}
    </div>
  );
}
