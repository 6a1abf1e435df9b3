import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  message: string;
  onKey: (key: string) => void;
}

/** Asks for the API key; the key stays in this tab's session storage only. */
export function KeyPrompt({ message, onKey }: Props) {
  const [key, setKey] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [message]);

  return (
    <section class="panel key-prompt" aria-labelledby="key-title">
      <h2 id="key-title">API key</h2>
      <p role="alert" class="notice">
        {message}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim() !== '') onKey(key.trim());
        }}
      >
        <label for="api-key">Key (a viewer role is enough)</label>
        <input
          id="api-key"
          ref={input}
          type="password"
          autocomplete="off"
          required
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <button type="submit">Use this key</button>
      </form>
      <p class="muted">
        It is kept in this browser tab&rsquo;s session only, and sent to this monitor alone.
      </p>
    </section>
  );
}
