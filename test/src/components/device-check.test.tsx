import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../src/api/contract';
import { installFakeApi, mayaAppointment, mayaSession } from '../../support/fake-api';
import { fakeStream, installFakeAudioContext, installMediaDevices, removeMediaDevices } from '../../support/media';
import { renderRoute } from '../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const appointment = mayaAppointment;
const queued: Visit = {
  id: '7001',
  kind: 'walkin', modality: 'video',
  status: 'pending',
  start: new Date(NOW.getTime() - 2 * 60_000).toISOString(),
  end: new Date(NOW.getTime() + 13 * 60_000).toISOString(),
  provider: null,
};

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  removeMediaDevices();
});

const section = () => screen.getByRole('region', { name: 'Check your camera and microphone' });
const checkButton = () => within(section()).getByRole('button', { name: 'Check camera and microphone' });

function domError(name: string) {
  return new DOMException('refused', name);
}

describe('camera and microphone check', () => {
  it('shows a muted preview and a microphone level, and Stop check turns everything off', async () => {
    const { stream, tracks } = fakeStream();
    const getUserMedia = installMediaDevices(async () => stream);
    const contexts = installFakeAudioContext();
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    const button = checkButton();
    await user.click(button);

    expect(getUserMedia).toHaveBeenCalledWith({ video: true, audio: true });
    expect(await within(section()).findByText('Your camera and microphone are on. You should see yourself below.')).toHaveAttribute(
      'role',
      'status',
    );
    const video = section().querySelector('video');
    expect(video).not.toBeNull();
    expect(video?.muted).toBe(true);
    expect(video).toHaveAttribute('playsinline');
    expect((video as HTMLVideoElement & { srcObject: unknown }).srcObject).toBe(stream);
    const meter = within(section()).getByRole('meter', { name: 'Microphone level' });
    await waitFor(() => expect((meter as HTMLMeterElement).value).toBeGreaterThan(0));
    // The microphone feeds the meter only, never the speakers.
    expect(contexts).toHaveLength(1);
    expect(contexts[0]?.connections).not.toContain(contexts[0]?.destination);
    // The same button, now to stop: keyboard focus has not moved away.
    const stop = within(section()).getByRole('button', { name: 'Stop check' });
    expect(stop).toBe(button);
    expect(stop).toHaveFocus();

    await user.click(stop);

    for (const track of tracks) expect(track.stop).toHaveBeenCalled();
    expect(contexts[0]?.close).toHaveBeenCalled();
    expect(section().querySelector('video')).toBeNull();
    expect(within(section()).getByText('The check has stopped. Your camera and microphone are off.')).toBeInTheDocument();
    expect(checkButton()).toHaveFocus();
  });

  it('explains how to allow the camera when the browser blocks it', async () => {
    installMediaDevices(async () => Promise.reject(domError('NotAllowedError')));
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    await user.click(checkButton());

    const alert = await within(section()).findByRole('alert');
    expect(alert).toHaveTextContent('Your browser is blocking the camera or microphone');
    expect(alert).toHaveTextContent(/select the icon next to the web address.*set Camera and Microphone to Allow/);
    expect(section().querySelector('video')).toBeNull();
    // It can be tried again.
    expect(checkButton()).toBeInTheDocument();
  });

  it('says when there is no camera or microphone', async () => {
    installMediaDevices(async () => Promise.reject(domError('NotFoundError')));
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    await user.click(checkButton());

    expect(await within(section()).findByRole('alert')).toHaveTextContent('We could not find a camera or microphone');
  });

  it('says when another app holds the camera', async () => {
    installMediaDevices(async () => Promise.reject(domError('NotReadableError')));
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    await user.click(checkButton());

    expect(await within(section()).findByRole('alert')).toHaveTextContent('Your camera or microphone is busy');
  });

  it('says when the browser cannot use a camera at all', async () => {
    // jsdom, like an old browser or a page not served over https, has no navigator.mediaDevices.
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    await user.click(checkButton());

    expect(await within(section()).findByRole('alert')).toHaveTextContent('This browser cannot check your camera');
  });

  it('stops a camera that answers after the patient left the page', async () => {
    const { stream, tracks } = fakeStream();
    let answer: (value: MediaStream) => void = () => {};
    installMediaDevices(() => new Promise((resolve) => (answer = resolve)));
    const { user, router } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    await user.click(checkButton());
    await act(() => router.navigate('/'));
    await act(async () => answer(stream));

    for (const track of tracks) expect(track.stop).toHaveBeenCalled();
  });

  it('is offered in the waiting room, and lets go of the camera when the provider is ready', async () => {
    vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
    const { stream, tracks } = fakeStream(['video']);
    installMediaDevices(async () => stream);
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    const { user } = renderRoute('/waiting-room/7001', { api, user: { advanceTimers: vi.advanceTimersByTime.bind(vi) } });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });

    await user.click(checkButton());
    await within(section()).findByText(/Your camera and microphone are on/);
    // No microphone track, no meter.
    expect(within(section()).queryByRole('meter')).not.toBeInTheDocument();

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' });

    expect(screen.queryByRole('region', { name: 'Check your camera and microphone' })).not.toBeInTheDocument();
    for (const track of tracks) expect(track.stop).toHaveBeenCalled();
  });

  it('is not offered for a visit that is over', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'completed' }] }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Visit completed' });

    expect(screen.queryByRole('button', { name: 'Check camera and microphone' })).not.toBeInTheDocument();
  });
});
