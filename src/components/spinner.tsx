/** A loading state that is announced, not only drawn. */
export function Spinner({ label }: { label: string }) {
  return (
    <div role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
