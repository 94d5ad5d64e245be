// The 红色教育 hall viewer: a three.js sphere with the panorama inside (three.js r88 from the WebJar; this file is
// only glue). The scene list, the hotspots and the image sizes come from data- attributes (the CSP forbids inline
// scripts). Drag with mouse or finger to look around, turn the phone once its orientation is switched on (iOS asks
// for permission on a tap), full screen on a button. The small preview shows at once, then the phone or desktop
// size replaces it. While the page is visible a heartbeat names the scene shown; the server decides what counts.
(function () {
  var root = document.getElementById('hall-viewer');
  if (!root) { return; }
  var poster = document.getElementById('hall-poster');
  var markers = Array.prototype.slice.call(root.querySelectorAll('.hall-marker'));
  var sceneButtons = Array.prototype.slice.call(document.querySelectorAll('.hall-scene'));
  var scenes = {};
  sceneButtons.forEach(function (b) {
    scenes[b.getAttribute('data-scene-id')] = {
      preview: b.getAttribute('data-preview'), phone: b.getAttribute('data-phone'),
      desktop: b.getAttribute('data-desktop'), button: b
    };
  });
  var current = null;
  var lon = 0;   // yaw in degrees: 0 is the panorama's centre, positive to the right
  var lat = 0;   // pitch in degrees, positive up
  var fov = 75;
  var orientation = null;

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  // --- three.js: a sphere seen from inside -------------------------------------------------------------------
  var renderer = null;
  var camera = null;
  var world = null;
  var sphere = null;
  var loader = null;
  try {
    if (window.THREE) {
      renderer = new THREE.WebGLRenderer({ antialias: false, preserveDrawingBuffer: true });
    }
  } catch (e) {
    renderer = null;
  }
  if (renderer) {
    renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    root.insertBefore(renderer.domElement, poster.nextSibling);
    camera = new THREE.PerspectiveCamera(fov, 1, 1, 1100);
    world = new THREE.Scene();
    var geometry = new THREE.SphereBufferGeometry(500, 60, 40);
    geometry.scale(-1, 1, 1);
    sphere = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial({ color: 0xffffff }));
    world.add(sphere);
    loader = new THREE.TextureLoader();
  } else {
    root.setAttribute('data-webgl', 'none');
  }

  function bestSize(s) {
    var pixels = Math.max(root.clientWidth, root.clientHeight) * (window.devicePixelRatio || 1);
    var max = renderer ? renderer.capabilities.maxTextureSize : 0;
    // the panorama spans 360°: the screen shows about a quarter of its width
    return pixels * 4 > 2048 * 1.25 && max >= 4096 ? s.desktop : s.phone;
  }

  function direction(yaw, pitch) {
    var phi = THREE.Math.degToRad(90 - pitch);
    var theta = THREE.Math.degToRad(yaw + 180);
    return new THREE.Vector3(500 * Math.sin(phi) * Math.cos(theta), 500 * Math.cos(phi),
      500 * Math.sin(phi) * Math.sin(theta));
  }

  function resize() {
    if (!renderer) { return; }
    var w = root.clientWidth;
    var h = root.clientHeight;
    renderer.setSize(w, h, false);
    camera.aspect = w / Math.max(1, h);
    camera.updateProjectionMatrix();
    dirty = true;
  }

  var dirty = true;
  var drawnScene = null;
  var screenQuarter = renderer ? new THREE.Quaternion(-Math.sqrt(0.5), 0, 0, Math.sqrt(0.5)) : null;
  var zee = renderer ? new THREE.Vector3(0, 0, 1) : null;
  var euler = renderer ? new THREE.Euler() : null;
  var turn = renderer ? new THREE.Quaternion() : null;

  function aim() {
    if (orientation && orientation.alpha !== null) {
      var alpha = THREE.Math.degToRad(orientation.alpha || 0);
      var beta = THREE.Math.degToRad(orientation.beta || 0);
      var gamma = THREE.Math.degToRad(orientation.gamma || 0);
      var screen = THREE.Math.degToRad((window.screen.orientation && window.screen.orientation.angle) || window.orientation || 0);
      euler.set(beta, alpha, -gamma, 'YXZ');
      camera.quaternion.setFromEuler(euler);
      camera.quaternion.multiply(screenQuarter);
      camera.quaternion.multiply(turn.setFromAxisAngle(zee, -screen));
      return;
    }
    lat = Math.max(-85, Math.min(85, lat));
    camera.lookAt(direction(lon, lat));
  }

  function placeMarkers() {
    var w = root.clientWidth;
    var h = root.clientHeight;
    markers.forEach(function (m) {
      if (m.getAttribute('data-of-scene') !== current) { m.hidden = true; return; }
      m.hidden = false;
      var p = direction(parseFloat(m.getAttribute('data-yaw')), parseFloat(m.getAttribute('data-pitch')));
      p.project(camera);
      var behind = p.z > 1 || p.z < -1;
      var x = (p.x + 1) / 2 * w;
      var y = (1 - p.y) / 2 * h;
      if (behind || x < -100 || x > w + 100 || y < -60 || y > h + 60) {
        m.style.transform = 'translate(-9999px, -9999px)';
      } else {
        m.style.transform = 'translate(' + Math.round(x) + 'px, ' + Math.round(y) + 'px) translate(-50%, -50%)';
      }
    });
  }

  function frame() {
    if (renderer && (dirty || orientation)) {
      aim();
      renderer.render(world, camera);
      placeMarkers();
      dirty = false;
      if (drawnScene && root.getAttribute('data-drawn') !== drawnScene) {
        root.setAttribute('data-drawn', drawnScene);
      }
    }
    window.requestAnimationFrame(frame);
  }

  function load(id, url, then) {
    loader.load(url, function (texture) {
      if (id !== current) { texture.dispose(); return; }
      texture.minFilter = THREE.LinearFilter;
      texture.generateMipmaps = false;
      var old = sphere.material.map;
      sphere.material.map = texture;
      sphere.material.needsUpdate = true;
      if (old) { old.dispose(); }
      drawnScene = id;
      dirty = true;
      if (then) { then(); }
    });
  }

  function show(id, keepView) {
    var s = scenes[id];
    if (!s) { return; }
    current = id;
    root.setAttribute('data-scene', id);
    sceneButtons.forEach(function (b) {
      b.classList.toggle('active', b === s.button);
      b.setAttribute('aria-selected', b === s.button ? 'true' : 'false');
    });
    if (!keepView) { lon = 0; lat = 0; }
    if (renderer) {
      root.removeAttribute('data-drawn');
      drawnScene = null;
      // the poster covers the stage until the new scene is drawn
      poster.src = s.preview;
      load(id, s.preview, function () { load(id, bestSize(s)); });
    } else {
      poster.src = s.phone;
    }
    dirty = true;
    beat(true);
  }

  // --- looking around: mouse and touch (pointer events), the wheel zooms -----------------------------------------
  var drag = null;
  root.addEventListener('pointerdown', function (e) {
    if (e.target.closest('.hall-marker, .hall-controls')) { return; }
    drag = { x: e.clientX, y: e.clientY, lon: lon, lat: lat };
    root.classList.add('dragging');
    if (root.setPointerCapture) { root.setPointerCapture(e.pointerId); }
  });
  root.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    var degreesPerPixel = fov / Math.max(1, root.clientHeight);
    lon = drag.lon - (e.clientX - drag.x) * degreesPerPixel;
    lat = drag.lat + (e.clientY - drag.y) * degreesPerPixel;
    if (lon > 180) { lon -= 360; }
    if (lon < -180) { lon += 360; }
    dirty = true;
    if (!renderer) { poster.style.objectPosition = (50 + lon / 3.6) + '% 50%'; }
  });
  function endDrag() { drag = null; root.classList.remove('dragging'); }
  root.addEventListener('pointerup', endDrag);
  root.addEventListener('pointercancel', endDrag);
  root.addEventListener('wheel', function (e) {
    if (!renderer) { return; }
    e.preventDefault();
    fov = Math.max(35, Math.min(90, fov + e.deltaY * 0.05));
    camera.fov = fov;
    camera.updateProjectionMatrix();
    dirty = true;
  }, { passive: false });

  // --- hotspots: an arrow moves to its scene; a material's link opens the study page ------------------------------
  markers.forEach(function (m) {
    var to = m.getAttribute('data-to-scene');
    if (to) {
      m.addEventListener('click', function () { show(to); });
    }
  });
  sceneButtons.forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-scene-id')); });
  });

  // --- the phone's orientation, where the browser allows it (iOS asks on a tap) ----------------------------------
  var orientButton = document.getElementById('hall-orientation');
  function onOrientation(e) { if (e.alpha !== null) { orientation = e; } }
  if (renderer && orientButton && 'DeviceOrientationEvent' in window && ('ontouchstart' in window || navigator.maxTouchPoints > 0)) {
    orientButton.hidden = false;
    orientButton.addEventListener('click', function () {
      if (orientation || orientButton.classList.contains('active')) {
        window.removeEventListener('deviceorientation', onOrientation);
        orientation = null;
        orientButton.classList.remove('active');
        dirty = true;
        return;
      }
      var start = function () {
        window.addEventListener('deviceorientation', onOrientation);
        orientButton.classList.add('active');
      };
      if (typeof DeviceOrientationEvent.requestPermission === 'function') {
        DeviceOrientationEvent.requestPermission().then(function (state) {
          if (state === 'granted') { start(); }
        }).catch(function () { /* refused: dragging still works */ });
      } else {
        start();
      }
    });
  }

  // --- full screen (an iPhone has no element full screen: the stage then covers the page) -------------------------
  var fullButton = document.getElementById('hall-fullscreen');
  fullButton.addEventListener('click', function () {
    var full = document.fullscreenElement || document.webkitFullscreenElement;
    if (full) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else if (root.requestFullscreen) {
      root.requestFullscreen();
    } else if (root.webkitRequestFullscreen) {
      root.webkitRequestFullscreen();
    } else {
      root.classList.toggle('hall-full');
      resize();
    }
  });
  document.addEventListener('fullscreenchange', function () { window.setTimeout(resize, 50); });
  window.addEventListener('resize', resize);

  // --- the visit's heartbeat ----------------------------------------------------------------------------------
  var url = root.getAttribute('data-beat-url');
  var every = Math.max(1, parseInt(root.getAttribute('data-beat-seconds'), 10) || 15) * 1000;
  var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
  if (meta('_csrf') && meta('_csrf_header')) { headers[meta('_csrf_header')] = meta('_csrf'); }
  function showVisit(v) {
    if (!v) { return; }
    var line = document.getElementById('hall-visit');
    if (line) {
      line.textContent = line.getAttribute('data-label')
        .replace('{0}', Math.floor(v.effectiveSeconds / 60)).replace('{1}', Math.max(1, Math.ceil(v.secondsToVisit / 60)))
        .replace('{2}', v.scenesSeen).replace('{3}', v.scenesToVisit);
    }
    var done = document.getElementById('hall-visited');
    if (done) { done.classList.toggle('d-none', !v.visited); }
    root.setAttribute('data-visited', v.visited ? 'true' : 'false');
  }
  function beat(visible) {
    if (!url || !current) { return; }
    fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin', keepalive: !visible,
      body: JSON.stringify({ sceneId: parseInt(current, 10), visible: visible }) })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(showVisit)
      .catch(function () { /* offline for a moment: the next beat tries again */ });
  }
  window.setInterval(function () {
    if (document.visibilityState === 'visible') { beat(true); }
  }, every);
  document.addEventListener('visibilitychange', function () { beat(false); });

  resize();
  show(root.getAttribute('data-first'));
  window.requestAnimationFrame(frame);
})();
