// Ustaz service worker, served at /sw.js so that it controls every page.
// Pages come from the network first (progress and form tokens must be current) and fall back to the
// copies saved when the teacher opened their course (or pressed "save kit"); fingerprinted static files and
// figures come from the cache.
'use strict';
const SHELL = [/*SHELL*/];
const SHELL_CACHE = 'ustaz-shell-/*VERSION*/';
const PAGES_CACHE = 'ustaz-pages';

self.addEventListener('install', (event) => {
  // Fetched without cookies: the offline page must not carry the name of whoever was signed in.
  const requests = SHELL.map((url) => new Request(url, { credentials: 'omit' }));
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith('ustaz-shell-') && name !== SHELL_CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

// Saves the given pages of the signed-in teacher; the header tells the server this is not a visit.
async function savePages(urls) {
  const cache = await caches.open(PAGES_CACHE);
  const saved = [];
  for (const url of urls) {
    // Lessons of an enrolment do not change (the course version is fixed), and opening a saved page while
    // connected refreshes it; so on a slow line only what is missing is fetched.
    if (url !== urls[0] && (await cache.match(url, { ignoreVary: true }))) {
      saved.push(url);
      continue;
    }
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { 'Ustaz-Save': 'offline' } });
      if (response.ok && !response.redirected) {
        await cache.put(url, response);
        saved.push(url);
      } else if (response.status === 409) {
        await cache.delete(url); // a quiz with no attempt left: its old questions must not be offered offline
      }
    } catch (error) {
      break; // the connection went away; what is saved stays saved
    }
  }
  return saved;
}

// A classroom kit (a PDF) is saved only when the teacher presses "save kit", never with the course.
async function saveKit(url) {
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { 'Ustaz-Save': 'offline' } });
    if (!response.ok || response.redirected) return false;
    await (await caches.open(PAGES_CACHE)).put(url, response);
    return true;
  } catch (error) {
    return false;
  }
}

const isKit = (url) => /^\/(learn|courses)\/[^?]+\/kit\.pdf\?lang=(kk|ru|en)$/.test(url);

self.addEventListener('message', (event) => {
  const message = event.data || {};
  const reply = event.ports && event.ports[0];
  if (message.type === 'save-pages' && Array.isArray(message.urls)) {
    // A course's lessons and quizzes, and the figures its lessons show.
    event.waitUntil(savePages(message.urls.filter((url) => url.startsWith('/learn/') || url.startsWith('/f/')))
      .then((saved) => reply && reply.postMessage({ saved })));
  } else if (message.type === 'save-kit' && typeof message.url === 'string' && isKit(message.url)) {
    event.waitUntil(saveKit(message.url).then((saved) => reply && reply.postMessage({ saved })));
  }
});

// How long a saved page waits for the network before the phone's copy is shown instead: on a line that
// connects but hardly moves, the teacher reads at once while the request carries on in the background.
const PATIENCE_MS = 3000;

async function fromNetworkElseSaved(event) {
  const request = event.request;
  const path = new URL(request.url).pathname + new URL(request.url).search;
  const saved = (await caches.has(PAGES_CACHE)) ? await (await caches.open(PAGES_CACHE)).match(path, { ignoreVary: true }) : undefined;
  const network = fetch(request).then(async (response) => {
    if (saved && response.ok && !response.redirected && response.type === 'basic') {
      await (await caches.open(PAGES_CACHE)).put(path, response.clone()); // keep the saved copy current
    }
    return response;
  });
  if (!saved) {
    try {
      return await network;
    } catch (error) {
      return (await caches.match('/offline')) || Response.error();
    }
  }
  event.waitUntil(network.catch(() => undefined));
  const patience = new Promise((resolve) => setTimeout(() => resolve(undefined), PATIENCE_MS));
  try {
    return (await Promise.race([network, patience])) || saved;
  } catch (error) {
    return saved;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/signout') {
    // A shared phone: the next person must not find this teacher's saved pages.
    event.waitUntil(caches.delete(PAGES_CACHE));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/static/')) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (url.pathname.startsWith('/f/')) {
    // Figures never change under their address: the saved copy, else the network.
    event.respondWith(caches.match(url.pathname, { ignoreVary: true }).then((hit) => hit || fetch(request)));
  } else if (request.mode === 'navigate' || isKit(url.pathname + url.search)) {
    event.respondWith(fromNetworkElseSaved(event));
  }
});
