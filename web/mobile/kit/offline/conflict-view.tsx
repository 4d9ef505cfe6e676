import { useState } from 'react';
import { useOT } from './texts';
import './offline.css';

/** One field of a record in conflict, as the page words it (values already turned into text). */
export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  /** Offer "自己改": a free edit combining both (free text fields; not for choices from a list). */
  editable?: boolean;
}

export type ConflictChoice = 'mine' | 'theirs' | 'edited';

/**
 * Two versions of one record, field by field, side by side: the person's (mine) and the server's
 * (theirs). Differing fields are highlighted and each needs a choice — nothing is preselected, so
 * nothing is overwritten by default; equal fields are folded away. `onResolve(choice, edited)`
 * gets a choice for every differing key ('edited' ones with their text in `edited`); the page
 * builds the new payload from it and calls replacePayload with the server's version.
 */
export function ConflictView({
  fields,
  onResolve,
  onCancel,
  theirsNote,
}: {
  fields: readonly ConflictField[];
  onResolve: (choice: Record<string, ConflictChoice>, edited: Record<string, string>) => void;
  onCancel?: () => void;
  /** Who changed it on the server and when, if the page knows (e.g. "王五 · 12-07 14:30"). */
  theirsNote?: string;
}) {
  const t = useOT();
  const [choice, setChoice] = useState<Record<string, ConflictChoice>>({});
  const [edited, setEdited] = useState<Record<string, string>>({});
  const differ = fields.filter((f) => f.mine !== f.theirs);
  const same = fields.filter((f) => f.mine === f.theirs);
  const left = differ.filter((f) => !choice[f.key]).length;
  const show = (value: string) =>
    value === '' ? <span className="ms-muted">{t('conflict.empty')}</span> : value;

  const pick = (key: string, value: ConflictChoice, field: ConflictField) => {
    setChoice((c) => ({ ...c, [key]: value }));
    if (value === 'edited' && edited[key] === undefined) setEdited((e) => ({ ...e, [key]: field.mine }));
  };

  return (
    <form
      className="mo-conflict"
      data-testid="mo-conflict"
      onSubmit={(e) => {
        e.preventDefault();
        if (left > 0) return;
        const picked: Record<string, ConflictChoice> = {};
        const texts: Record<string, string> = {};
        for (const f of differ) {
          picked[f.key] = choice[f.key];
          if (choice[f.key] === 'edited') texts[f.key] = edited[f.key] ?? '';
        }
        onResolve(picked, texts);
      }}
    >
      <h2 className="mo-conflict-title">{t('conflict.title')}</h2>
      <p className="mo-conflict-intro">{t('conflict.intro')}</p>
      <div className="mo-conflict-cols" aria-hidden="true">
        <span>{t('conflict.mine')}</span>
        <span>
          {t('conflict.theirs')}
          {theirsNote ? <span className="mo-conflict-note"> · {theirsNote}</span> : null}
        </span>
      </div>
      {differ.map((f) => {
        const name = `mo-conflict-${f.key}`;
        return (
          <fieldset key={f.key} className="mo-conflict-field" data-testid={name}>
            <legend className="mo-conflict-label">{f.label}</legend>
            <div className="mo-conflict-pair">
              <label className={choice[f.key] === 'mine' ? 'mo-side mo-side-on' : 'mo-side'}>
                <input
                  type="radio"
                  name={name}
                  checked={choice[f.key] === 'mine'}
                  onChange={() => pick(f.key, 'mine', f)}
                />
                <span className="mo-side-head">{t('conflict.useMine')}</span>
                <span className="mo-side-value">{show(f.mine)}</span>
              </label>
              <label className={choice[f.key] === 'theirs' ? 'mo-side mo-side-on' : 'mo-side'}>
                <input
                  type="radio"
                  name={name}
                  checked={choice[f.key] === 'theirs'}
                  onChange={() => pick(f.key, 'theirs', f)}
                />
                <span className="mo-side-head">{t('conflict.useTheirs')}</span>
                <span className="mo-side-value">{show(f.theirs)}</span>
              </label>
            </div>
            {f.editable ? (
              <label className="mo-conflict-edit">
                <input
                  type="radio"
                  name={name}
                  checked={choice[f.key] === 'edited'}
                  onChange={() => pick(f.key, 'edited', f)}
                />{' '}
                {t('conflict.useEdited')}
              </label>
            ) : null}
            {choice[f.key] === 'edited' ? (
              <textarea
                className="ms-textarea"
                aria-label={`${f.label} · ${t('conflict.useEdited')}`}
                value={edited[f.key] ?? ''}
                rows={3}
                onChange={(e) => setEdited((x) => ({ ...x, [f.key]: e.target.value }))}
              />
            ) : null}
          </fieldset>
        );
      })}
      {same.length > 0 ? (
        <details className="mo-conflict-same">
          <summary>{t('conflict.same', { n: same.length })}</summary>
          <dl>
            {same.map((f) => (
              <div key={f.key} className="mo-same-row">
                <dt>{f.label}</dt>
                <dd>{show(f.mine)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {left > 0 ? (
        <p className="mo-conflict-left" role="status">
          {t('conflict.left', { n: left })}
        </p>
      ) : null}
      <div className="mo-dialog-actions">
        {onCancel ? (
          <button type="button" className="ms-btn ms-btn-secondary" onClick={onCancel}>
            {t('conflict.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="ms-btn ms-btn-primary"
          disabled={left > 0}
          data-testid="mo-conflict-done"
        >
          {t('conflict.done')}
        </button>
      </div>
    </form>
  );
}
