/**
 * "Who is this visit for?" on the details form, where the clinic takes the other person's details
 * with the visit's (VSee, capabilities.someoneElseDetails): their name, birth date and relationship
 * go with the intake, and the visit then says for whom.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeApi, maya, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const withSomeoneElse = { ...riverbend, capabilities: { ...riverbend.capabilities, forSomeoneElse: true, someoneElseDetails: true } };

describe('details: who is this visit for?', () => {
  it('is not asked where the clinic does not offer it', async () => {
    renderRoute('/book/walkin/details', { api: installFakeApi() });
    await screen.findByLabelText('First name');
    expect(screen.queryByRole('group', { name: 'Who is this visit for?' })).not.toBeInTheDocument();
  });

  it('asks for their details only for someone else, checks them, and books for them', async () => {
    const api = installFakeApi({ clinic: withSomeoneElse });
    const { user } = renderRoute('/book/walkin/details', { api });

    const group = await screen.findByRole('group', { name: 'Who is this visit for?' });
    expect(within(group).getByRole('radio', { name: 'Me' })).toBeChecked();
    expect(screen.queryByLabelText('Their first name')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('First name'), maya.firstName);
    await user.type(screen.getByLabelText('Last name'), maya.lastName);
    await user.type(screen.getByLabelText('Date of birth'), maya.dob);
    await user.type(screen.getByLabelText('Email'), maya.email);
    await user.click(within(group).getByRole('radio', { name: 'Someone else' }));
    await user.selectOptions(screen.getByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), 'Ear ache since last night');
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));

    // Their details are required once "Someone else" is chosen; the first one takes focus.
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    const theirFirst = screen.getByLabelText('Their first name');
    expect(theirFirst).toHaveFocus();
    expect(theirFirst).toHaveAccessibleDescription(/Enter their first name/);
    expect(screen.getByLabelText('Their date of birth')).toHaveAccessibleDescription(/Enter their date of birth/);
    expect(screen.getByLabelText('They are my')).toHaveAccessibleDescription(/Choose how they are related to you/);
    expect(api.calls.filter((c) => c.path === '/api/intakes')).toEqual([]);

    await user.type(theirFirst, 'Sofia');
    await user.type(screen.getByLabelText('Their last name'), 'Lopez');
    await user.type(screen.getByLabelText('Their date of birth'), '2018-04-02');
    await user.selectOptions(screen.getByLabelText('They are my'), 'Child');
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    await screen.findByRole('heading', { level: 1, name: /queue|waiting/i });
    const intake = api.calls.find((c) => c.method === 'POST' && c.path === '/api/intakes');
    expect(intake?.body).toMatchObject({ kind: 'walkin', forSomeone: { firstName: 'Sofia', lastName: 'Lopez', dob: '2018-04-02', relationship: 'child' } });
  });

  it('sends no one else when the patient keeps "Me"', async () => {
    const api = installFakeApi({ clinic: withSomeoneElse });
    const { user } = renderRoute('/book/walkin/details', { api });
    await user.type(await screen.findByLabelText('First name'), maya.firstName);
    await user.type(screen.getByLabelText('Last name'), maya.lastName);
    await user.type(screen.getByLabelText('Date of birth'), maya.dob);
    await user.type(screen.getByLabelText('Email'), maya.email);
    await user.selectOptions(screen.getByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    await screen.findByRole('heading', { level: 1, name: /queue|waiting/i });
    const intake = api.calls.find((c) => c.method === 'POST' && c.path === '/api/intakes');
    expect(intake?.body).not.toHaveProperty('forSomeone');
  });
});
