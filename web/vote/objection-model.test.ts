import { describe, expect, it } from 'vitest';
import { ObjectionBody } from '../../contracts/vote';
import { VoteError } from './api';
import { checkDraft, refusedFields, sortObjections, toBody } from './objection-model';
import { fieldProblemText, objectionSay } from './objection-words';

/** The objection form (公示期异议): its checks before sending, and the server's refusals named by field. */
describe('the objection form model', () => {
  const k = '019af1c2-0000-7000-8000-0000000000aa';

  it('refuses an empty or blank text before sending, and sends what the contract accepts', () => {
    expect(checkDraft({ candidateId: k, text: '   ' })).toEqual({ text: 'required' });
    expect(checkDraft({ candidateId: '', text: '有\u0007问题' })).toEqual({ text: 'bad_chars' });
    expect(checkDraft({ candidateId: k, text: '事迹材料与实际不符' })).toEqual({});
    const body = toBody({ candidateId: k, text: '  事迹材料与实际不符  ' });
    expect(body).toEqual({ candidateId: k, text: '事迹材料与实际不符' });
    expect(ObjectionBody.safeParse(body).success).toBe(true);
    // '' is the result as a whole: sent as null, as the contract's default.
    expect(toBody({ candidateId: '', text: '总体有异议' }).candidateId).toBeNull();
    expect(ObjectionBody.safeParse(toBody({ candidateId: '', text: '总体有异议' })).success).toBe(true);
  });

  it('agrees with the contract on what it refuses before sending', () => {
    for (const text of ['', ' \n ', 'a\u0000b']) {
      const local = checkDraft({ candidateId: '', text });
      expect(local.text, JSON.stringify(text)).toBeDefined();
      expect(ObjectionBody.safeParse({ candidateId: null, text }).success).toBe(false);
    }
  });

  it('turns a refusal of the schema (400) into the field it names', () => {
    const tooLong = new VoteError(400, 'request.invalid', 'The request is not valid', 'body.text', {
      code: 'request.invalid',
      errors: [
        {
          field: 'body.text',
          code: 'too_big',
          message: 'Too big: expected string to have <=2000 characters',
        },
      ],
    });
    expect(refusedFields(tooLong)).toEqual({ text: 'too_long' });
    const badId = new VoteError(400, 'request.invalid', 'x', 'body.candidateId', {
      errors: [{ field: 'body.candidateId', code: 'invalid_format', message: 'not a valid id' }],
    });
    expect(refusedFields(badId)).toEqual({ candidateId: 'not_candidate' });
  });

  it('turns a refusal of the service (422, not a candidate) into the candidate field', () => {
    const err = new VoteError(422, 'vote_candidate.not_found', 'not a candidate', 'body.candidateId', {
      errors: [{ field: 'body.candidateId', message: 'not a candidate of this campaign' }],
    });
    expect(refusedFields(err)).toEqual({ candidateId: 'not_candidate' });
  });

  it('names no field for a refusal about something else (the notice closed, signed out)', () => {
    expect(refusedFields(new VoteError(409, 'vote.objection_closed', 'closed'))).toBeNull();
    expect(refusedFields(new VoteError(401, 'auth.worker_required', 'sign in'))).toBeNull();
    expect(
      refusedFields(new VoteError(400, 'request.invalid', 'x', 'body', { errors: [{ field: 'body' }] })),
    ).toBeNull();
  });

  it('says the refused field by its name, in Chinese first', () => {
    expect(fieldProblemText(objectionSay('zh'), 'text', 'too_long')).toBe(
      '异议内容：写得太长了，请删短一些再提交。',
    );
    expect(fieldProblemText(objectionSay('en'), 'candidateId', 'not_candidate')).toMatch(/^Candidate: /);
  });

  it('lists my objections newest first and counts those still waiting', () => {
    const { items, open } = sortObjections([
      { id: 'a', createdAt: '2026-01-01T01:00:00Z', state: 'answered' },
      { id: 'b', createdAt: '2026-01-02T01:00:00Z', state: 'open' },
      { id: 'c', createdAt: '2026-01-01T09:00:00Z', state: 'open' },
    ]);
    expect(items.map((o) => o.id)).toEqual(['b', 'c', 'a']);
    expect(open).toBe(2);
  });
});
