package io.comply360.tenant.settings;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;


/** The JSON columns of settings, to and from their typed values. */
@ApplicationScoped
public class SettingsJson {

    private final ObjectMapper json;

    public SettingsJson(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Integer> slaTargets(TenantSettings settings) {
        return read(settings.slaTargets, new TypeReference<TreeMap<String, Integer>>() {
        });
    }

    public SettingsRequest.BusinessHours businessHours(TenantSettings settings) {
        return read(settings.businessHours, new TypeReference<SettingsRequest.BusinessHours>() {
        });
    }

    public SettingsRequest.NotificationDefaults notificationDefaults(TenantSettings settings) {
        return read(settings.notificationDefaults, new TypeReference<SettingsRequest.NotificationDefaults>() {
        });
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String stored, TypeReference<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings cannot be read", e);
        }
    }
}
