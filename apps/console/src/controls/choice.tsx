/** One option of a drop-down: the value it stands for and the words shown. */
export interface ChoiceOption<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  /** The visible name; the label wraps the select, so assistive technology reads it too. */
  label: string;
  /** The form field's name (tests and the browser's form handling find it by this). */
  name: string;
  value: K;
  options: readonly ChoiceOption<K>[];
  onChange: (value: K) => void;
}

/** A labelled drop-down of the page's controls. */
export function Choice<K extends string>({ label, name, value, options, onChange }: Props<K>) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value as K)}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
